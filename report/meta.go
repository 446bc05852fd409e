package report

import (
	"fmt"
	"html"
	"time"
)

// xmpMetadata is the document's XMP packet: title, author, language and
// keywords (the fingerprint) in the form PDF/A readers look for. fpdf
// writes it as the catalog's /Metadata stream. It is not a claim of PDF/A
// conformance: fpdf cannot tag the content (no structure tree), and the
// packet declares no PDF/A part.
func xmpMetadata(title, author, keywords string, date time.Time) []byte {
	e := html.EscapeString
	d := date.UTC().Format(time.RFC3339)
	return fmt.Appendf(nil, `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>%s</pdf:Keywords>
<pdf:Producer>ROPA Desk</pdf:Producer>
<xmp:CreatorTool>ROPA Desk</xmp:CreatorTool>
<xmp:CreateDate>%s</xmp:CreateDate>
<xmp:ModifyDate>%s</xmp:ModifyDate>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`, e(title), e(author), e(keywords), d, d)
}
