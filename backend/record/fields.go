package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Encode turns a domain struct into field values using its JSON names.
// Values are compacted so an unchanged field compares equal byte for byte.
func Encode(v any) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("record: encode: %w", err)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("record: encode: %w", err)
	}
	for k, f := range fields {
		var buf bytes.Buffer
		if err := json.Compact(&buf, f); err != nil {
			return nil, fmt.Errorf("record: encode %s: %w", k, err)
		}
		fields[k] = buf.Bytes()
	}
	return fields, nil
}

// Decode fills a domain struct from the record's winning values.
func (r *Record) Decode(v any) error {
	// Assemble the object by hand: a map marshal per record dominated the
	// index rebuild at open.
	buf := make([]byte, 0, 256)
	buf = append(buf, '{')
	for f, cs := range r.Fields {
		if len(cs) == 0 {
			continue
		}
		if len(buf) > 1 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendQuote(buf, f)
		buf = append(buf, ':')
		buf = append(buf, cs[0].Value...)
	}
	buf = append(buf, '}')
	if err := json.Unmarshal(buf, v); err != nil {
		return fmt.Errorf("record: decode %s/%s: %w", r.Kind, r.ID, err)
	}
	return nil
}
