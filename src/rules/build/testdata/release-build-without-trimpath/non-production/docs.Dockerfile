FROM golang:1.26
RUN go build -o /site ./cmd/site
CMD ["/site"]
