package greader

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	hsync "github.com/herald-reader/herald/sync"
)

// editTags maps a change to the edit-tag field and tag that make it.
var editTags = map[hsync.Kind][2]string{
	hsync.MarkRead:   {"a", streamRead},
	hsync.MarkUnread: {"r", streamRead},
	hsync.Star:       {"a", streamStarred},
	hsync.Unstar:     {"r", streamStarred},
}

// Push sets state with edit-tag: each run of changes of one kind goes in
// requests of at most batchSize ids, and runs go in order, so a later
// change of an entry wins.
func (p *Provider) Push(ctx context.Context, changes []hsync.Change) error {
	for _, c := range changes {
		if _, ok := editTags[c.Kind]; !ok {
			return fmt.Errorf("greader: push: unknown change %q", c.Kind)
		}
		if c.EntryID == "" {
			return errors.New("greader: push: a change has no entry id")
		}
	}
	for start := 0; start < len(changes); {
		kind := changes[start].Kind
		end := start
		for end < len(changes) && changes[end].Kind == kind {
			end++
		}
		if err := p.editTag(ctx, kind, changes[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// editTag applies one kind of change to the entries of run.
func (p *Provider) editTag(ctx context.Context, kind hsync.Kind, run []hsync.Change) error {
	tag := editTags[kind]
	for start := 0; start < len(run); start += batchSize {
		form := url.Values{tag[0]: {tag[1]}}
		for _, c := range run[start:min(start+batchSize, len(run))] {
			form.Add("i", wireID(normID(c.EntryID)))
		}
		if err := p.call(ctx, http.MethodPost, "edit-tag", nil, form, nil); err != nil {
			return fmt.Errorf("%w (mark %s)", err, kind)
		}
	}
	return nil
}
