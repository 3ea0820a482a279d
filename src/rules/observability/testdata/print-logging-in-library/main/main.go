package main

import (
	"fmt"
	"log"
)

func main() {
	fmt.Println("hello")
	log.Printf("started")
}
