using System.Xml;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>The page and nested sitemap URLs of a sitemap.xml (urlset or sitemapindex); DTDs are refused.</summary>
public static class SitemapReader
{
    public static (IReadOnlyList<Uri> Pages, IReadOnlyList<Uri> Sitemaps) Read(byte[] xml, int maxEntries)
    {
        var pages = new List<Uri>();
        var sitemaps = new List<Uri>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 50_000_000,
            IgnoreComments = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            var inSitemap = false;
            while (reader.Read() && pages.Count + sitemaps.Count < maxEntries)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sitemap")
                {
                    inSitemap = true;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "url")
                {
                    inSitemap = false;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "loc"
                    && Uri.TryCreate(reader.ReadElementContentAsString().Trim(), UriKind.Absolute, out var loc))
                {
                    (inSitemap ? sitemaps : pages).Add(loc);
                }
            }
        }
        catch (XmlException exception)
        {
            throw new IngestionException("The sitemap is not valid XML: " + exception.Message, exception);
        }

        return (pages, sitemaps);
    }
}
