variable "BASE" {
  default = "alpine:3.23"
}

target "default" {
  dockerfile = "Dockerfile"
  args = {
    BASE_IMAGE = "${BASE}"
  }
}
