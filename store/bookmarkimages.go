package store

import (
	"context"
	"errors"
	"fmt"
)

// Caps on the images a bookmark keeps (migration6): a picture larger than
// MaxBookmarkImageBytes is not kept, nor more than MaxBookmarkImages of
// them or MaxBookmarkImagesBytes in all per bookmark.
const (
	MaxBookmarkImageBytes  = 8 << 20
	MaxBookmarkImagesBytes = 32 << 20
	MaxBookmarkImages      = 64
)

// ErrTooLarge is returned when images are over the caps above.
var ErrTooLarge = errors.New("too large")

// BookmarkImage is a picture of a bookmarked article, kept for reading it
// offline.
type BookmarkImage struct {
	URL         string // the address the article's Markdown gives it
	ContentType string // e.g. "image/png"; empty when not known
	Data        []byte
}

// checkBookmarkImages returns why a bookmark may not keep imgs, or nil.
func checkBookmarkImages(imgs []BookmarkImage) error {
	if len(imgs) > MaxBookmarkImages {
		return fmt.Errorf("%d images, at most %d: %w", len(imgs), MaxBookmarkImages, ErrTooLarge)
	}
	seen := make(map[string]bool, len(imgs))
	total := 0
	for _, im := range imgs {
		switch {
		case im.URL == "":
			return errors.New("an image without an address")
		case seen[im.URL]:
			return fmt.Errorf("image %s given twice", im.URL)
		case len(im.Data) == 0:
			return fmt.Errorf("image %s is empty", im.URL)
		case len(im.Data) > MaxBookmarkImageBytes:
			return fmt.Errorf("image %s has %d bytes, at most %d: %w", im.URL, len(im.Data), MaxBookmarkImageBytes, ErrTooLarge)
		}
		seen[im.URL] = true
		total += len(im.Data)
	}
	if total > MaxBookmarkImagesBytes {
		return fmt.Errorf("images of %d bytes in all, at most %d: %w", total, MaxBookmarkImagesBytes, ErrTooLarge)
	}
	return nil
}

// SaveBookmarkImages replaces the images the bookmark of itemID keeps by
// imgs, in one transaction: afterwards it has exactly these, or, on an
// error, still the ones it had. It returns ErrNotFound when the item has
// no bookmark, and ErrTooLarge when imgs are over the caps.
func (s *Store) SaveBookmarkImages(ctx context.Context, itemID int64, imgs []BookmarkImage) error {
	op := fmt.Sprintf("save images of bookmark %d", itemID)
	if err := checkBookmarkImages(imgs); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return wrap(op, err)
	}
	defer tx.Rollback()
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM bookmarks WHERE item_id = ?`, itemID).Scan(&one); err != nil {
		return wrap(op, err) // sql.ErrNoRows: ErrNotFound
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM bookmark_images WHERE item_id = ?`, itemID); err != nil {
		return wrap(op, err)
	}
	for _, im := range imgs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bookmark_images(item_id, url, content_type, data)
			VALUES (?, ?, ?, ?)`, itemID, im.URL, im.ContentType, im.Data); err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, tx.Commit())
}

// bookmarkImageByURL is BookmarkImage's query (its test checks its plan).
const bookmarkImageByURL = `SELECT data FROM bookmark_images WHERE url = ? LIMIT 1`

// BookmarkImage returns the bytes of the image at url as a bookmark keeps
// it (any bookmark's copy), and false when none does.
func (s *Store) BookmarkImage(ctx context.Context, url string) ([]byte, bool, error) {
	var data []byte
	err := s.r.QueryRowContext(ctx, bookmarkImageByURL, url).Scan(&data)
	switch err = mapErr(err); {
	case errors.Is(err, ErrNotFound):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("bookmark image %s: %w", url, err)
	}
	return data, true, nil
}

// BookmarkImageURLs lists the addresses of the images the bookmark of
// itemID keeps, in the order they were given to SaveBookmarkImages.
func (s *Store) BookmarkImageURLs(ctx context.Context, itemID int64) ([]string, error) {
	op := fmt.Sprintf("images of bookmark %d", itemID)
	rows, err := s.r.QueryContext(ctx, `SELECT url FROM bookmark_images WHERE item_id = ? ORDER BY rowid`, itemID)
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	var urls []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, wrap(op, err)
		}
		urls = append(urls, u)
	}
	if err := rows.Err(); err != nil {
		return nil, wrap(op, err)
	}
	return urls, nil
}
