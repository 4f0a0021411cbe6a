package workostest

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
)

// listEnvelope is the API's list response.
type listEnvelope struct {
	Object       string       `json:"object"`
	Data         []any        `json:"data"`
	ListMetadata listMetadata `json:"list_metadata"`
}

type listMetadata struct {
	Before *string `json:"before"`
	After  *string `json:"after"`
}

// page holds the parsed pagination query of a list request.
type page struct {
	limit         int
	order         string
	before, after string
}

// parsePage reads limit, order, before and after. It answers 422 and
// returns false when one of them is invalid, or when both cursors are given
// (a page request carries at most one; the fake refuses both so a pager
// that sends both is caught in tests).
func parsePage(w http.ResponseWriter, r *http.Request) (page, bool) {
	q := r.URL.Query()
	p := page{limit: 10, order: "desc", before: q.Get("before"), after: q.Get("after")}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			invalidParams(w, "limit must be an integer between 1 and 100.")
			return p, false
		}
		p.limit = n
	}
	if v := q.Get("order"); v != "" {
		if v != "desc" && v != "asc" && v != "normal" {
			invalidParams(w, "order must be one of normal, desc, asc.")
			return p, false
		}
		p.order = v
	}
	if p.before != "" && p.after != "" {
		invalidParams(w, "Only one of before and after may be given.")
		return p, false
	}
	for _, c := range []string{p.before, p.after} {
		if c == "" {
			continue
		}
		if _, ok := seqOf(c); !ok {
			invalidParams(w, "before and after must be object IDs.")
			return p, false
		}
	}
	return p, true
}

// paginate answers a list request over items, which may be in any order.
// id returns an item's ID (made by newID, so it encodes creation order) and
// render its JSON shape.
//
// Orders: desc (the default) lists newest first and asc oldest first; in
// both, after=X continues past X in the listed order and before=X returns
// the page just ahead of X. normal lists newest first like desc but with the
// cursors swapped: before=X fetches records older than X and after=X records
// newer than X. list_metadata always names the cursor to send under the
// same key to continue in that direction, or null at the end, so walking
// forward and backward never skips or repeats an item.
func paginate[T any](w http.ResponseWriter, r *http.Request, items []T, id func(T) string, render func(T) any) {
	p, ok := parsePage(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, buildPage(p, items, id, render))
}

func buildPage[T any](p page, items []T, id func(T) string, render func(T) any) listEnvelope {
	type keyed struct {
		seq  uint64
		item T
	}
	desc := p.order != "asc"
	ordered := make([]keyed, len(items))
	for i, t := range items {
		n, _ := seqOf(id(t))
		ordered[i] = keyed{n, t}
	}
	slices.SortFunc(ordered, func(a, b keyed) int {
		if desc {
			return cmp.Compare(b.seq, a.seq)
		}
		return cmp.Compare(a.seq, b.seq)
	})
	seqs := make([]uint64, len(ordered))
	for i, k := range ordered {
		seqs[i] = k.seq
	}
	lo, hi := p.window(seqs)
	env := listEnvelope{Object: "list", Data: make([]any, 0, hi-lo)}
	for _, k := range ordered[lo:hi] {
		env.Data = append(env.Data, render(k.item))
	}
	var fwdCursor, backCursor *string
	if hi > lo && hi < len(ordered) {
		v := id(ordered[hi-1].item)
		fwdCursor = &v
	}
	if hi > lo && lo > 0 {
		v := id(ordered[lo].item)
		backCursor = &v
	}
	if p.order == "normal" {
		env.ListMetadata = listMetadata{Before: fwdCursor, After: backCursor}
	} else {
		env.ListMetadata = listMetadata{Before: backCursor, After: fwdCursor}
	}
	return env
}

// window returns the slice bounds of the page within seqs, the sequence
// numbers of all items in listed order. A forward cursor (after, or before
// for normal) starts the page just past it; a backward cursor ends the page
// just ahead of it.
func (p page) window(seqs []uint64) (lo, hi int) {
	desc := p.order != "asc"
	// listedAfter reports whether n is listed after the cursor c.
	listedAfter := func(n, c uint64) bool { return (desc && n < c) || (!desc && n > c) }
	forward, backward := p.after, p.before
	if p.order == "normal" {
		forward, backward = p.before, p.after
	}
	switch {
	case backward != "":
		c, _ := seqOf(backward)
		end := 0
		for end < len(seqs) && !listedAfter(seqs[end], c) && seqs[end] != c {
			end++
		}
		return max(end-p.limit, 0), end
	case forward != "":
		c, _ := seqOf(forward)
		start := 0
		for start < len(seqs) && !listedAfter(seqs[start], c) {
			start++
		}
		return start, min(start+p.limit, len(seqs))
	}
	return 0, min(p.limit, len(seqs))
}
