package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// repairJSON rebuilds a JSON Feed that breaks off at its end from what is
// complete: the top-level members before the break, and of "items" the
// elements that decode whole. ok is false for a document that is complete
// or breaks before its end (which is malformed, not cut short).
// prepare has already found a JSON Feed (isJSONFeed): by its version, or
// by a first item with an id and content, decoded whole.
func repairJSON(body []byte) (fixed []byte, ok bool) {
	// A file cut short may still end with a line break.
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimRight(body, " \t\r\n")))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	out := make([]byte, 0, len(body))
	out = append(out, '{')
	var err error
	for err == nil && dec.More() {
		var t json.Token
		if t, err = dec.Token(); err != nil {
			break
		}
		key, _ := t.(string)
		var value []byte
		if strings.EqualFold(key, "items") { // as encoding/json matches gofeed's field
			value, err = completeItems(dec)
		} else {
			var raw json.RawMessage
			if err = dec.Decode(&raw); err == nil {
				value = raw
			}
		}
		if value == nil {
			break
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		name, _ := json.Marshal(key)
		out = append(append(append(out, name...), ':'), value...)
	}
	if err == nil {
		_, err = dec.Token() // the closing brace
	}
	if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, false
	}
	return append(out, '}'), true
}

// completeItems reads an "items" value and returns it as an array of the
// elements read whole, with the error that stopped it; nil when the value
// is not an array and could not be read.
func completeItems(dec *json.Decoder) ([]byte, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if t != json.Delim('[') {
		// Not a list: gofeed decides what to make of it, if it is whole.
		raw, err := json.Marshal(t)
		if _, isDelim := t.(json.Delim); isDelim || err != nil {
			return nil, errors.New("items is not a list")
		}
		return raw, nil
	}
	out := []byte{'['}
	for dec.More() {
		var raw json.RawMessage
		if err = dec.Decode(&raw); err != nil {
			break
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, raw...)
	}
	if err == nil {
		_, err = dec.Token() // the closing bracket
	}
	return append(out, ']'), err
}
