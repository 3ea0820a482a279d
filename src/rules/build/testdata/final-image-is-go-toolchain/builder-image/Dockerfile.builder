# a CI builder image: no entrypoint, no go build of its own
FROM golang:1.26
RUN apt-get update && apt-get install -y protobuf-compiler
