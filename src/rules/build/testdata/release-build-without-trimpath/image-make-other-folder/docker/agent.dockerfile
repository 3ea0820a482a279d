FROM golang:1.23 AS build
WORKDIR /src
RUN wget https://example.com/libpfm-4.13.0.tar.gz && tar xzf libpfm-4.13.0.tar.gz && \
    make -e -C libpfm-4.13.0 && \
    make install -C libpfm-4.13.0
COPY . .
RUN CGO_ENABLED=1 go build -trimpath -o /out/agent ./cmd/agent

FROM debian:stable-slim
COPY --from=build /out/agent /agent
ENTRYPOINT ["/agent"]
