package main

import "github.com/gin-gonic/gin"

func main() {
	r := gin.Default()
	r.GET("/", func(c *gin.Context) {})
	r.Run(":8080") // want "starts a gin server"
}
