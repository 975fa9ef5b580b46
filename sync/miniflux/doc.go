// Package miniflux syncs with a Miniflux server through its REST API, on
// the official client (miniflux.app/v2/client).
package miniflux

import _ "miniflux.app/v2/client" // the client this package is built on
