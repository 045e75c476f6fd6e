import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { i18n, preferredLocale, setLocale } from './i18n';
import './router/meta';
import './style.css';

const app = createApp(App).use(createPinia()).use(i18n).use(router);
const locale = preferredLocale();
// English is bundled; another locale loads before the first screen so nothing flickers between languages.
(locale === 'en' ? Promise.resolve() : setLocale(locale)).finally(() => app.mount('#app'));
