package store

import (
	"encoding/binary"
	"fmt"
	"permanence/data"
)

// The stored form of a child row: a version byte, then for each non-empty
// field its index in Fields and its value (dates as varints, text as
// length-prefixed bytes, the plan as its category then its text, flags as
// presence). New fields must be appended to Fields so old records still
// decode.
const recordVersion = 1

// EncodeChild appends the stored form of c to buf.
func EncodeChild(buf []byte, c *data.Child) []byte {
	buf = append(buf, recordVersion)
	for i := range data.Fields {
		f := &data.Fields[i]
		if f.IsEmpty(c) {
			continue
		}
		buf = binary.AppendUvarint(buf, uint64(i))
		switch {
		case f.Kind == data.KindDate:
			buf = binary.AppendVarint(buf, int64(*f.Date(c)))
		case f.Kind == data.KindFlag:
		case f.Kind == data.KindPlan:
			buf = append(buf, byte(c.Plan))
			buf = binary.AppendUvarint(buf, uint64(len(c.PlanText)))
			buf = append(buf, c.PlanText...)
		default:
			s := *f.Text(c)
			buf = binary.AppendUvarint(buf, uint64(len(s)))
			buf = append(buf, s...)
		}
	}
	return buf
}

// DecodeChild reads a stored child row into c (which should be zero).
func DecodeChild(b []byte, c *data.Child) error {
	if len(b) == 0 || b[0] != recordVersion {
		return fmt.Errorf("child record: unknown version")
	}
	b = b[1:]
	bad := fmt.Errorf("child record: truncated")
	for len(b) > 0 {
		idx, n := binary.Uvarint(b)
		if n <= 0 || idx >= uint64(len(data.Fields)) {
			return bad
		}
		b = b[n:]
		f := &data.Fields[idx]
		switch {
		case f.Kind == data.KindDate:
			v, n := binary.Varint(b)
			if n <= 0 {
				return bad
			}
			*f.Date(c) = data.Date(v)
			b = b[n:]
		case f.Kind == data.KindFlag:
			*f.Flag(c) = true
		default:
			if f.Kind == data.KindPlan {
				if len(b) == 0 {
					return bad
				}
				c.Plan = data.Plan(b[0])
				b = b[1:]
			}
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return bad
			}
			*f.Text(c) = string(b[n : n+int(l)])
			b = b[n+int(l):]
		}
	}
	return nil
}
