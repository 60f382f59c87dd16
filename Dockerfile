# The portal image for docker-compose.yml (SQL Server). Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PartnershipPortal.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__Provider=SqlServer
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "PartnershipPortal.Web.dll"]
