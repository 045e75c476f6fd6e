import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { i18n } from '@/i18n';
import Table from './Table.vue';

const columns = [
  { key: 'name', label: 'Name', sortable: true },
  { key: 'size', label: 'Size', sortable: true },
];
const rows = [
  { id: 'a', name: 'Beta', size: 10 },
  { id: 'b', name: 'alpha', size: 2 },
  { id: 'c', name: 'Gamma', size: 30 },
];

function mountTable(data = rows) {
  return mount(Table, { props: { caption: 'Bots', columns, rows: data, rowKey: 'id' }, global: { plugins: [i18n] } });
}

const names = (wrapper: ReturnType<typeof mountTable>) => wrapper.findAll('tbody tr').map((tr) => tr.find('td').text());

describe('Table', () => {
  it('sorts by a header button, then the other way, and says so with aria-sort', async () => {
    const wrapper = mountTable();
    const sizeHeader = wrapper.findAll('th')[1]!;
    await sizeHeader.find('button').trigger('click');
    expect(sizeHeader.attributes('aria-sort')).toBe('ascending');
    expect(names(wrapper)).toEqual(['alpha', 'Beta', 'Gamma']);
    await sizeHeader.find('button').trigger('click');
    expect(sizeHeader.attributes('aria-sort')).toBe('descending');
    expect(names(wrapper)).toEqual(['Gamma', 'Beta', 'alpha']);
    await wrapper.findAll('th')[0]!.find('button').trigger('click');
    expect(names(wrapper)).toEqual(['alpha', 'Beta', 'Gamma']);
  });

  it('shows an empty state across all columns and keeps its caption for screen readers', () => {
    const wrapper = mountTable([]);
    const cell = wrapper.find('tbody td');
    expect(cell.attributes('colspan')).toBe('2');
    expect(cell.text()).toBe('Nothing here yet.');
    expect(wrapper.find('caption').text()).toBe('Bots');
  });
});
