package miniflux_test

import (
	"testing"

	"github.com/herald-reader/herald/internal/minifluxtest"
	hsync "github.com/herald-reader/herald/sync"
	"github.com/herald-reader/herald/sync/miniflux"
	"github.com/herald-reader/herald/sync/synctest"
)

func TestMain(m *testing.M) { minifluxtest.Main(m) }

// TestSyncConformance runs the conformance suite against a real Miniflux,
// through its REST API with the admin's API key.
func TestSyncConformance(t *testing.T) {
	srv := minifluxtest.Start(t)
	synctest.Run(t, srv,
		func(t *testing.T, o hsync.Options) hsync.Provider {
			p, err := miniflux.New(o)
			if err != nil {
				t.Fatalf("miniflux.New: %v", err)
			}
			return p
		},
		func(srv *minifluxtest.Server) hsync.Options {
			return hsync.Options{URL: srv.URL, APIKey: srv.APIKey}
		})
}
