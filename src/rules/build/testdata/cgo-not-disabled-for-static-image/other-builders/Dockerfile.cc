FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y golang-go build-essential
RUN go build -trimpath -o /out/app ./cmd/app
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
