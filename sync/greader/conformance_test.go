package greader_test

import (
	"testing"

	"github.com/herald-reader/herald/internal/minifluxtest"
	hsync "github.com/herald-reader/herald/sync"
	"github.com/herald-reader/herald/sync/greader"
	"github.com/herald-reader/herald/sync/synctest"
)

func TestMain(m *testing.M) { minifluxtest.Main(m) }

// TestSyncConformance runs the conformance suite against a real Miniflux,
// through its Google Reader API with the admin's Google Reader password.
func TestSyncConformance(t *testing.T) {
	srv := minifluxtest.Start(t)
	synctest.Run(t, srv,
		func(t *testing.T, o hsync.Options) hsync.Provider {
			p, err := greader.New(o)
			if err != nil {
				t.Fatalf("greader.New: %v", err)
			}
			return p
		},
		func(srv *minifluxtest.Server) hsync.Options {
			return hsync.Options{URL: srv.URL, Username: srv.User, Password: srv.GReaderPass}
		})
}
