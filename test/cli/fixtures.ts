/** The engine reports CGO101 (error) on line 7, the COPY --from, for this file. */
export const BAD_DOCKERFILE = `FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;

/** The same build with cgo off: nothing to report. */
export const GOOD_DOCKERFILE = BAD_DOCKERFILE.replace('RUN go build', 'RUN CGO_ENABLED=0 go build');

/** 1-based line of the finding in BAD_DOCKERFILE. */
export const BAD_LINE = 7;
