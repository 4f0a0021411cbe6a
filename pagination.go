package workos

import (
	"context"
	"errors"
	"iter"
)

// Order is the sort order of a list.
type Order string

// Orders a list accepts.
const (
	// OrderDesc lists newest first. It is the API's default.
	OrderDesc Order = "desc"
	// OrderAsc lists oldest first.
	OrderAsc Order = "asc"
	// OrderNormal lists newest first with reversed cursors: Before fetches
	// older records and After fetches newer ones.
	OrderNormal Order = "normal"
)

// maxPageSize is the API's largest page, which the auto-pager asks for
// unless the caller chose a limit.
const maxPageSize = 100

// ListParams are the cursor parameters every paginated list takes. Set at
// most one of Before and After.
type ListParams struct {
	// Before is an object ID: the page ends just before it.
	Before string `url:"before,omitempty"`
	// After is an object ID: the page starts just after it.
	After string `url:"after,omitempty"`
	// Limit is the page size, 1 to 100. Zero means the API default (10)
	// for Page, and 100 for All and Pages.
	Limit int `url:"limit,omitempty"`
	// Order is the sort order; empty means the API default, OrderDesc.
	Order Order `url:"order,omitempty"`
}

func (p *ListParams) listParams() *ListParams { return p }

func (p *ListParams) validate() error {
	if p.Before != "" && p.After != "" {
		return invalidParams("set Before or After, not both")
	}
	if p.Limit < 0 || p.Limit > maxPageSize {
		return invalidParams("Limit must be between 1 and 100, got %d", p.Limit)
	}
	return nil
}

// ListMetadata holds a page's cursors. A nil cursor means there is nothing
// further in that direction.
type ListMetadata struct {
	// Before is the cursor to pass as ListParams.Before for the page
	// before this one.
	Before *string `json:"before"`
	// After is the cursor to pass as ListParams.After for the page after
	// this one.
	After *string `json:"after"`
}

// Page is one page of a list.
type Page[T any] struct {
	// Object is "list".
	Object string `json:"object"`
	// Data holds the page's items.
	Data []T `json:"data"`
	// ListMetadata holds the cursors to the neighbouring pages.
	ListMetadata ListMetadata `json:"list_metadata"`
	APIResource
}

// pageQuery is implemented by every list's params struct through its
// embedded ListParams.
type pageQuery interface {
	listParams() *ListParams
}

// List is a lazy list operation, returned by every List method. Nothing is
// sent until Page, Pages or All is called. Each of them may be called more
// than once; each call starts again from the caller's params.
type List[T any] struct {
	ctx   context.Context
	err   error
	fetch func(ctx context.Context, lp ListParams) (*Page[T], error)
	base  ListParams
}

// newList builds a List for a cursor-paginated endpoint. params is the
// caller's params struct, which embeds ListParams; it is copied for every
// request and encoded as the query string, so a List never shares state
// with the caller or between its own fetches.
func newList[T any, S any, P interface {
	*S
	pageQuery
}](ctx context.Context, c *Client, cl call, params S, validate error, opts []Option) *List[T] {
	l := &List[T]{ctx: ctx, base: *P(&params).listParams(), err: validate}
	if l.err == nil {
		l.err = l.base.validate()
	}
	l.fetch = func(ctx context.Context, page ListParams) (*Page[T], error) {
		q := params
		*P(&q).listParams() = page
		req := cl
		req.query = &q
		var out Page[T]
		if _, err := c.do(ctx, req, &out, opts); err != nil {
			return nil, err
		}
		return &out, nil
	}
	return l
}

// Page fetches one page with exactly the caller's params.
func (l *List[T]) Page() (*Page[T], error) {
	if l.err != nil {
		return nil, l.err
	}
	return l.fetch(l.ctx, l.base)
}

// Pages iterates page by page. It follows the Before cursor when the caller
// paged with Before, or used OrderNormal without After (in that order Before
// is the cursor to older records), and the After cursor otherwise; every
// request carries
// one cursor and every filter. It asks for 100 items a page unless the
// caller set Limit, stops after a page with no next cursor or no items, and
// stops fetching when the loop breaks. An error is yielded once, last.
func (l *List[T]) Pages() iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		if l.err != nil {
			yield(nil, l.err)
			return
		}
		lp := l.base
		if lp.Limit == 0 {
			lp.Limit = maxPageSize
		}
		backward := lp.Before != "" || (lp.Order == OrderNormal && lp.After == "")
		for {
			page, err := l.fetch(l.ctx, lp)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) {
				return
			}
			next := page.ListMetadata.After
			if backward {
				next = page.ListMetadata.Before
			}
			if len(page.Data) == 0 || next == nil || *next == "" {
				return
			}
			if *next == lp.Before || *next == lp.After {
				// A server that hands back the cursor it was given would
				// loop forever.
				yield(nil, errors.New("workos: list cursor did not advance"))
				return
			}
			if backward {
				lp.Before = *next
			} else {
				lp.After = *next
			}
		}
	}
}

// All iterates item by item over every page, fetching lazily as Pages does.
//
//	for u, err := range client.UserManagement.ListUsers(ctx, params).All() {
//		if err != nil {
//			return err
//		}
//		fmt.Println(u.Email)
//	}
func (l *List[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range l.Pages() {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}
