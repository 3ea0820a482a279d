# the image CI builds the project in, not the image the project ships
FROM golang:1.24
RUN curl -sSfL https://tools.example.com/lint/install.sh | sh -s -- -b /usr/local/bin v1.2.3
RUN wget -q https://go.example.com/dl/go1.24.linux-amd64.tar.gz && tar -C /usr/local -xzf go1.24.linux-amd64.tar.gz
