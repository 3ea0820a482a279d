FROM golang:1.26 AS builder
COPY . /src
WORKDIR /src
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-X main.version=1" -tags tgs -o /bin/app .
FROM alpine:3.22
COPY --from=builder /bin/app /bin/app
ENTRYPOINT ["/bin/app"]
