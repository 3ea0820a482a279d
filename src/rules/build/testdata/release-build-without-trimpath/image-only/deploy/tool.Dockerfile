FROM golang:1.26 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/tool ./cmd/tool

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/tool /tool
ENTRYPOINT ["/tool"]
