package retry

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"math/rand"
	"net"
	"net/http"
	"time"
)

type client struct {
	http     *http.Client
	interval time.Duration
}

// positives

func waitForDB(db *sql.DB) {
	for {
		err := db.Ping() // want "db.Ping\\(\\) is retried forever every 5 \\* time.Second"
		if err == nil {
			return
		}
		log.Printf("database not ready: %v", err)
		time.Sleep(5 * time.Second)
	}
}

func (c *client) fetch(req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.http.Do(req) // want "c.http.Do\\(\\) is retried forever every c.interval"
		if err != nil {
			log.Println(err)
			time.Sleep(c.interval)
			continue
		}
		return resp, nil
	}
}

func dialNow(addr string) net.Conn {
	for {
		conn, err := net.Dial("tcp", addr) // want "net.Dial\\(\\) is retried in a loop with no wait after a failure"
		if err != nil {
			continue
		}
		return conn
	}
}

func threeQuickTries(c *http.Client, url string) (*http.Response, error) {
	var resp *http.Response
	var err error
	for i := 0; i < 3; i++ {
		if resp, err = c.Get(url); err == nil { // want "c.Get\\(\\) is retried in a loop with no wait"
			break
		}
	}
	return resp, err
}

func connectAfterWait(addr string) {
	for {
		<-time.After(2 * time.Second)
		if err := connectBroker(addr); err == nil { // want "connectBroker\\(\\) is retried forever every 2 \\* time.Second"
			break
		} else {
			log.Println(err)
		}
	}
}

func connectBroker(string) error { return nil }

// negatives

func growing(db *sql.DB) {
	delay := time.Second
	for {
		if err := db.Ping(); err == nil {
			return
		}
		time.Sleep(delay)
		delay *= 2
	}
}

func jittered(db *sql.DB) {
	for {
		if err := db.Ping(); err == nil {
			return
		}
		time.Sleep(time.Second + time.Duration(rand.Int63n(int64(time.Second))))
	}
}

func capped(db *sql.DB) error {
	attempts := 0
	for {
		err := db.Ping()
		if err == nil {
			return nil
		}
		attempts++
		if attempts > 10 {
			return err
		}
		time.Sleep(time.Second)
	}
}

func fewSpacedTries(db *sql.DB) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = db.Ping(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

func cancellable(ctx context.Context, db *sql.DB) error {
	for {
		err := db.PingContext(ctx)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

func nextAddress(addrs []string) net.Conn {
	for i := 0; i < len(addrs); i++ {
		conn, err := net.Dial("tcp", addrs[i])
		if err == nil {
			return conn
		}
	}
	return nil
}

func overItems(c *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		resp.Body.Close()
		break
	}
}

func poller(c *http.Client, url string) {
	// waits for a condition on a fixed interval: fine
	for {
		resp, err := c.Get(url)
		if err == nil && resp.StatusCode == http.StatusOK {
			resp.Body.Close()
			return
		}
		time.Sleep(time.Second)
	}
}

func consumer(l net.Listener) {
	// accepts and serves: success does not leave the loop
	for {
		conn, err := l.Accept()
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		go conn.Close()
	}
}

func reconnect(addr string) {
	// reconnects after the connection drops: a session loop, not a retry
	for {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		serve(conn)
	}
}

func serve(net.Conn) {}

func giveUpOnError(db *sql.DB) error {
	for {
		if err := db.Ping(); err != nil {
			return err
		}
		time.Sleep(time.Second)
	}
}

type backoffPolicy struct{ next time.Duration }

func withPolicy(db *sql.DB, backoff *backoffPolicy) {
	for {
		if err := db.Ping(); err == nil {
			return
		}
		time.Sleep(backoff.next)
	}
}

func localWork() error {
	for {
		err := parse()
		if err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
}

func parse() error { return errors.New("x") }

func helperWait(ctx context.Context, db *sql.DB) {
	for {
		if err := db.Ping(); err == nil {
			return
		}
		sleepCtx(ctx, time.Second)
	}
}

func sleepCtx(context.Context, time.Duration) {}

type pinger interface{ Ping(addr string) error }

func nextServer(p pinger, servers []string) {
	// each attempt pings the next server: trying alternatives, not retrying one call
	for i := 0; i < len(servers); i++ {
		srv := servers[0]
		err := p.Ping(srv)
		if err == nil {
			break
		}
		servers = append(servers[1:], srv)
	}
}

func randomHost(hosts []string) string {
	var d net.Dialer
	var host string
	retry := 0
	for retry < len(hosts) {
		host = hosts[rand.Intn(len(hosts))]
		conn, err := d.DialContext(context.Background(), "tcp", host)
		if err != nil {
			retry++
			continue
		}
		conn.Close()
		break
	}
	return host
}

func rebuiltRequest(c *http.Client, url string) *http.Response {
	for {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		resp, err := c.Do(req) // want "c.Do\\(\\) is retried in a loop with no wait"
		if err != nil {
			continue
		}
		return resp
	}
}
