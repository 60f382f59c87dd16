# The portal image for docker-compose.yml (SQL Server behind Caddy). Build context: the repository root.
# Versions pinned (SDK and runtime of the machines the tests ran on); bump them together with global.json.
FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
COPY . .
RUN dotnet restore src/PartnershipPortal.Web --locked-mode \
 && dotnet publish src/PartnershipPortal.Web -c Release -o /app --nologo --no-restore

# No fontconfig needed: SkiaSharp.NativeAssets.Linux.NoDependencies and the fonts embedded in the portal
# (tools/bilan-without-fontconfig.sh proves /Bilan/2017/Pdf on a root file system without it).
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__Provider=SqlServer
EXPOSE 8080
USER $APP_UID
# The image has no curl: the portal asks its own /health/live, with the public host name (see Commands/HealthCheckCommand.cs).
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
  CMD ["dotnet", "PartnershipPortal.Web.dll", "healthcheck", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["dotnet", "PartnershipPortal.Web.dll"]
