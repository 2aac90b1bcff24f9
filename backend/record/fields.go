package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Encode turns a domain struct into field values using its JSON names.
// Values are compact (json.Marshal compacts, RawMessage fields included)
// so an unchanged field compares equal byte for byte.
func Encode(v any) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("record: encode: %w", err)
	}
	fields, ok := splitObject(raw)
	if !ok {
		// Not a JSON object of its own making (a custom MarshalJSON):
		// let the decoder say what is wrong, or take it apart.
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
	}
	return fields, nil
}

// splitObject takes compact JSON of an object apart into its members,
// each value a slice of raw, without decoding them (bulk imports encode a
// struct per row; decoding the marshalled bytes again doubled the cost).
// ok is false for anything but a compact object with plain keys; a later
// duplicate key wins, as with json.Unmarshal.
func splitObject(raw []byte) (map[string]json.RawMessage, bool) {
	n := len(raw)
	if n < 2 || raw[0] != '{' || raw[n-1] != '}' {
		return nil, false
	}
	fields := make(map[string]json.RawMessage, 16)
	i := 1
	if raw[i] == '}' {
		return fields, i == n-1
	}
	for {
		// "key": plain keys only (struct tags); anything escaped goes the
		// slow way.
		if raw[i] != '"' {
			return nil, false
		}
		end := i + 1
		for end < n && raw[end] != '"' {
			if raw[end] == '\\' {
				return nil, false
			}
			end++
		}
		if end+1 >= n || raw[end+1] != ':' {
			return nil, false
		}
		key := string(raw[i+1 : end])
		start := end + 2
		j, ok := valueEnd(raw, start)
		if !ok {
			return nil, false
		}
		fields[key] = raw[start:j:j]
		switch {
		case j < n-1 && raw[j] == ',':
			i = j + 1
		case j == n-1 && raw[j] == '}':
			return fields, true
		default:
			return nil, false
		}
	}
}

// valueEnd is the index just past the compact JSON value starting at i.
func valueEnd(raw []byte, i int) (int, bool) {
	depth := 0
	for j := i; j < len(raw); j++ {
		switch raw[j] {
		case '"':
			for j++; j < len(raw) && raw[j] != '"'; j++ {
				if raw[j] == '\\' {
					j++
				}
			}
			if j >= len(raw) {
				return 0, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j, j > i
			}
			depth--
		case ',':
			if depth == 0 {
				return j, j > i
			}
		}
		if depth == 0 && j+1 < len(raw) && (raw[j+1] == ',' || raw[j+1] == '}') {
			return j + 1, true
		}
	}
	return 0, false
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
