# Build context: the repository root (docker build -f infra/docker/Search.Indexer.Dockerfile .).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Search.Indexer/Search.Indexer.csproj Search.Indexer/
RUN dotnet restore Search.Indexer/Search.Indexer.csproj
COPY Search.Indexer/ Search.Indexer/
RUN dotnet publish Search.Indexer/Search.Indexer.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
RUN mkdir -p /data /import && chown app:app /data /import
COPY --from=build /app ./
ENV PATENT_DATA_DIR=/data \
    DOTNET_RUNNING_IN_CONTAINER=true
USER app
# A one-shot command: e.g. `load /import` then `reindex --to elasticsearch` (see infra/README.md).
ENTRYPOINT ["dotnet", "Search.Indexer.dll"]
CMD ["--help"]
