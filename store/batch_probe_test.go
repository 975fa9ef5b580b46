package store

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func BenchmarkProbeBatch(b *testing.B) {
	for _, per := range []int{1, 20} {
		b.Run(fmt.Sprint(per), func(b *testing.B) {
			ctx := context.Background()
			feeds := make([][]NewItem, 1000)
			for i := range feeds {
				feeds[i] = benchItems(i, 30, 2000*(1+i%4), t0)
			}
			var cpu time.Duration
			for n := 0; n < b.N; n++ {
				s, _ := Open(filepath.Join(b.TempDir(), "h.db"))
				ids := make([]int64, 1000)
				for j := range ids {
					f, _ := s.AddFeed(ctx, fmt.Sprint("https://", j), "", nil)
					ids[j] = f.ID
				}
				runtime.GC()
				c0 := cpuTime()
				for j := 0; j < 1000; j += per {
					tx, _ := s.w.BeginTx(ctx, nil)
					for k := j; k < j+per; k++ {
						if _, err := s.upsertItems(ctx, tx, ids[k], t0, feeds[k]); err != nil {
							b.Fatal(err)
						}
					}
					tx.Commit()
				}
				cpu += cpuTime() - c0
				s.Close()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
