package gofpdf

import (
	"errors"
	"io"
	"strings"
)

// stream-patch: this file and the calls to streamPages and putpage are
// Zongzhi's additions to gofpdf 1.16.2 (see README.zongzhi.md).

// SetStreamOutput makes the document write every finished page to w as
// soon as the next page begins, instead of keeping all pages in memory
// until Output: a 10,000-page ledger then needs the memory of one page.
// Output must be called with the same w. A streamed document cannot use
// AliasNbPages (the total is not known when a page is written), links to
// internal destinations or attachments, go back to a written page
// (SetPage) or be protected after its first page is written; aliases
// registered later are not applied to written pages. A feature that
// raises the PDF version after the header is written (alpha, layers)
// raises it in the catalog, and only pages written after it carry the
// transparency group upstream puts on every page.
func (f *Fpdf) SetStreamOutput(w io.Writer) {
	if f.page > 0 {
		f.err = errors.New("SetStreamOutput must be called before the first page")
		return
	}
	f.stream = w
}

// streamPages writes the finished pages (all but the current one's
// successor) to the stream: objects 2n+1 (page) and 2n+2 (content), the
// numbers putpages gives them.
func (f *Fpdf) streamPages() {
	if f.stream == nil || f.err != nil {
		return
	}
	if f.aliasNbPagesStr != "" {
		f.err = errors.New("a streamed document cannot use AliasNbPages")
		return
	}
	if len(f.links) > 1 || len(f.attachments) > 0 || len(f.pageAttachments[f.page]) > 0 {
		f.err = errors.New("a streamed document cannot hold internal links or attachments")
		return
	}
	if !f.headerDone {
		f.putheader()
		f.headerDone, f.headerVersion = true, f.pdfVersion
	}
	wPt, hPt := f.defaultPagePt()
	for f.pagesStreamed < f.page {
		n := f.pagesStreamed + 1
		f.n = 2 * n
		f.replacePageAliases(n)
		f.putpage(n, wPt, hPt)
		f.pages[n] = nil
		f.pagesStreamed = n
	}
	f.streamed += f.buffer.Len()
	if _, err := f.buffer.WriteTo(f.stream); err != nil {
		f.err = err
	}
}

// replacePageAliases applies the registered aliases to page n.
func (f *Fpdf) replacePageAliases(n int) {
	for mode := 0; mode < 2; mode++ {
		for alias, replacement := range f.aliasMap {
			if mode == 1 {
				alias = utf8toutf16(alias, false)
				replacement = utf8toutf16(replacement, false)
			}
			if s := f.pages[n].String(); strings.Contains(s, alias) {
				f.pages[n].Reset()
				f.pages[n].WriteString(strings.Replace(s, alias, replacement, -1))
			}
		}
	}
}

// defaultPagePt is the default page size in points, as oriented.
func (f *Fpdf) defaultPagePt() (wPt, hPt float64) {
	if f.defOrientation == "P" {
		return f.defPageSize.Wd * f.k, f.defPageSize.Ht * f.k
	}
	return f.defPageSize.Ht * f.k, f.defPageSize.Wd * f.k
}
