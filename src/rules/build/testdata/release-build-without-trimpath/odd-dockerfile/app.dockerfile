FROM
FROM golang:1.26 AS build
BOGUS instruction here
RUN go build -o /app ./cmd/app \
FROM alpine:3.22
COPY --from=build /app /app
