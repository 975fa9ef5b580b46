// Package miniflux syncs with a Miniflux server through its REST API, on
// the official client (miniflux.app/v2/client): feeds and categories for
// subscriptions, GET /v1/entries?changed_after= for pulls, and
// PUT /v1/entries for read and starred state.
package miniflux
