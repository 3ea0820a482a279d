package main

import (
	"cmp"
	"database/sql"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/redis/go-redis/v9"
	"google.golang.org/grpc"
)

// ---- positives ----

func direct() {
	http.ListenAndServe(os.Getenv("LISTEN_ADDR"), nil) // want `os.Getenv\("LISTEN_ADDR"\) reaches http.ListenAndServe without an emptiness check`
}

func viaVar() {
	dsn := os.Getenv("DATABASE_URL") // want "reaches sql.Open"
	db, err := sql.Open("postgres", dsn)
	_, _ = db, err
}

func built() {
	host := os.Getenv("DB_HOST") // want `Getenv\("DB_HOST"\) reaches sql.Open`
	dsn := fmt.Sprintf("host=%s user=app sslmode=disable", host)
	db, _ := sql.Open("postgres", dsn)
	_ = db
}

func port() {
	addr := ":" + os.Getenv("PORT") // want "reaches http.ListenAndServe"
	log.Fatal(http.ListenAndServe(addr, nil))
}

func server() *http.Server {
	return &http.Server{Addr: os.Getenv("ADDR")} // want `reaches http.Server\{Addr\}`
}

func redisClient() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}) // want "redis.Options"
}

func grpcClient() {
	target := os.Getenv("BACKEND") // want "reaches grpc.Dial"
	conn, _ := grpc.Dial(target)
	_ = conn
}

func dial() {
	c, _ := net.Dial("tcp", net.JoinHostPort(os.Getenv("HOST"), "6379")) // want "reaches net.Dial"
	_ = c
}

// ---- negatives ----

func checked() {
	dsn := os.Getenv("DATABASE_URL")
	if dsn == "" {
		log.Fatal("DATABASE_URL is required")
	}
	db, _ := sql.Open("postgres", dsn)
	_ = db
}

func defaulted() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	http.ListenAndServe(addr, nil)
}

func lenCheck() {
	addr := os.Getenv("ADDR")
	if len(addr) == 0 {
		return
	}
	http.ListenAndServe(addr, nil)
}

func trimmedCheck() {
	addr := os.Getenv("ADDR")
	if strings.TrimSpace(addr) == "" {
		return
	}
	http.ListenAndServe(addr, nil)
}

func lookup() {
	addr, ok := os.LookupEnv("ADDR")
	if !ok {
		return
	}
	http.ListenAndServe(addr, nil)
}

func cmpOr() {
	http.ListenAndServe(cmp.Or(os.Getenv("ADDR"), ":8080"), nil)
}

func helper() {
	http.ListenAndServe(envOr("ADDR", ":8080"), nil)
}

func sameKeyChecked() {
	if os.Getenv("ADDR") == "" {
		log.Fatal("ADDR is required")
	}
	http.ListenAndServe(os.Getenv("ADDR"), nil)
}

func derivedChecked() {
	host := os.Getenv("DB_HOST")
	dsn := "host=" + host
	if dsn == "host=" {
		return
	}
	sql.Open("postgres", dsn)
}

func validated() {
	dsn := os.Getenv("DSN")
	mustNotBeEmpty(dsn)
	sql.Open("postgres", dsn)
}

func notASink() {
	fmt.Println(os.Getenv("HOME"))
	name := os.Getenv("USER")
	log.Printf("hello %s", name)
}

func switched() {
	mode := os.Getenv("MODE")
	switch mode {
	case "":
		return
	}
	http.ListenAndServe(mode, nil)
}

func redisPassword() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: "localhost:6379", Password: os.Getenv("REDIS_PASSWORD")})
}

var pkgAddr = os.Getenv("ADDR")

func packageLevel() {
	http.ListenAndServe(pkgAddr, nil)
}

func envOr(k, d string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return d
}

func mustNotBeEmpty(s string) {}

func main() {}
