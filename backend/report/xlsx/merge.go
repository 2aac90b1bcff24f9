package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
)

// mergeRanges reads each sheet's merged ranges ("A1:H1") straight from the
// workbook's XML. excelize's GetMergeCells compares every range with every
// other (quadratic): a roster with thousands of merged grid cells took
// seconds. Sheets not found here fall back to excelize.
func mergeRanges(data []byte) map[string][]string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	read := func(name string, limit int64) []byte {
		f, ok := files[name]
		if !ok {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, limit))
		return b
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml", 8<<20), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels", 8<<20), &rels) != nil {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string][]string{}
	for _, s := range wb.Sheets {
		raw := read(target[s.RID], 1<<30)
		if raw == nil {
			continue
		}
		// The merged ranges follow the cell data.
		if i := bytes.LastIndex(raw, []byte("sheetData>")); i >= 0 {
			raw = raw[i:]
		}
		ranges := []string{}
		for _, m := range reMergeCell.FindAllSubmatch(raw, -1) {
			ranges = append(ranges, string(m[1]))
		}
		out[s.Name] = ranges
	}
	return out
}

var reMergeCell = regexp.MustCompile(`<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)"`)
