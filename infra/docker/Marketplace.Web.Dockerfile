# Build context: the repository root (docker build -f infra/docker/Marketplace.Web.Dockerfile .).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY Search.Indexer/Search.Indexer.csproj Search.Indexer/
COPY Analytics/Analytics.csproj Analytics/
COPY Marketplace.Web/Marketplace.Web.csproj Marketplace.Web/
RUN dotnet restore Marketplace.Web/Marketplace.Web.csproj
COPY Search.Indexer/ Search.Indexer/
COPY Analytics/ Analytics/
COPY Marketplace.Web/ Marketplace.Web/
RUN dotnet publish Marketplace.Web/Marketplace.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The data folder (mail pickup, quarantine, the embedded index when Search__Engine=Lucene).
RUN mkdir -p /data && chown app:app /data
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    PATENT_DATA_DIR=/data \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The non-root user the .NET images ship (uid 1654).
USER app
# No curl in the runtime image: bash's /dev/tcp asks /readyz (database and search engine).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /readyz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Marketplace.Web.dll"]
