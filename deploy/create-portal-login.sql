-- The portal's own login: owner of its database only (migrations at start need it), no server-wide rights.
IF DB_ID(N'PartnershipPortal') IS NULL
    CREATE DATABASE PartnershipPortal;
GO
IF SUSER_ID(N'portal') IS NULL
    CREATE LOGIN portal WITH PASSWORD = N'$(PortalPassword)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN portal WITH PASSWORD = N'$(PortalPassword)';
GO
USE PartnershipPortal;
IF USER_ID(N'portal') IS NULL
    CREATE USER portal FOR LOGIN portal;
ALTER ROLE db_owner ADD MEMBER portal;
GO
