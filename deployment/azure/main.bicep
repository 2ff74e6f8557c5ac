// The bot on Azure: a Container App (1 to 3 replicas) on PostgreSQL Flexible Server, registered as an
// Azure Bot with the Web Chat and Teams channels.
//
//   az group create -n mlt-bot -l westeurope
//   az deployment group create -g mlt-bot -f deployment/azure/main.bicep \
//     -p namePrefix=mltbot containerImage=<registry>/mlt-career-bot:<tag> microsoftAppId=<app id> \
//        microsoftAppPassword=<secret> postgresAdminPassword=<password> advisorBootstrapPassword=<password>
//
// Environment variables are named exactly as src/config/config.ts reads them
// (tests/ops/deploymentFiles.test.ts checks it).

targetScope = 'resourceGroup'

@description('Lowercase letters, digits and hyphens, starting with a letter; prefixes every resource name.')
@minLength(3)
@maxLength(16)
param namePrefix string

@description('Region of the app and the database (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('The container image, e.g. myregistry.azurecr.io/mlt-career-bot:1.0.0 (built from deployment/Dockerfile).')
param containerImage string

@description('Registry server of a private image (empty for a public one).')
param registryServer string = ''

@description('User name for the private registry.')
param registryUsername string = ''

@description('Password for the private registry.')
@secure()
param registryPassword string = ''

@description('The bot\'s Microsoft App ID (Entra ID app registration).')
param microsoftAppId string

@description('A client secret of that app registration.')
@secure()
param microsoftAppPassword string

@description('SingleTenant (the only type Azure accepts for new bot registrations) or MultiTenant (existing ones).')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param microsoftAppType string = 'SingleTenant'

@description('Entra ID tenant of the app registration; required for SingleTenant.')
param microsoftAppTenantId string = subscription().tenantId

@description('Administrator of the PostgreSQL server.')
param postgresAdminLogin string = 'botadmin'

@description('Password of the PostgreSQL administrator.')
@secure()
param postgresAdminPassword string

@description('The first advisor account (an admin), created on start when no account exists.')
param advisorBootstrapUser string = 'admin'

@description('Its password (at least 12 characters). Change it after the first sign-in.')
@secure()
param advisorBootstrapPassword string

@description('Azure Direct Line secret for the widget; empty uses the bot\'s built-in Direct Line.')
@secure()
param directLineSecret string = ''

@description('Days conversations are kept.')
param transcriptRetentionDays int = 365

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

var suffix = uniqueString(resourceGroup().id)
var appName = '${namePrefix}-app'
var port = 3978
var usesPrivateRegistry = !empty(registryServer)
var usesAzureDirectLine = !empty(directLineSecret)

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: { mode: 'Disabled' }
    network: { publicNetworkAccess: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'bot'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's "allow Azure services": the Container App's outbound addresses are not fixed.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

var databaseUrl = 'postgres://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'

var baseSecrets = [
  { name: 'database-url', value: databaseUrl }
  { name: 'microsoft-app-password', value: microsoftAppPassword }
  { name: 'advisor-bootstrap-password', value: advisorBootstrapPassword }
]
var registrySecrets = usesPrivateRegistry ? [{ name: 'registry-password', value: registryPassword }] : []
var registries = usesPrivateRegistry ? [{ server: registryServer, username: registryUsername, passwordSecretRef: 'registry-password' }] : []
var directLineSecrets = usesAzureDirectLine ? [{ name: 'direct-line-secret', value: directLineSecret }] : []

var baseEnv = [
  { name: 'PORT', value: string(port) }
  { name: 'HOST', value: '0.0.0.0' }
  { name: 'STORAGE', value: 'postgres' }
  { name: 'DATABASE_URL', secretRef: 'database-url' }
  { name: 'MicrosoftAppId', value: microsoftAppId }
  { name: 'MicrosoftAppPassword', secretRef: 'microsoft-app-password' }
  { name: 'MicrosoftAppType', value: microsoftAppType }
  { name: 'MicrosoftAppTenantId', value: microsoftAppTenantId }
  // The app's own host name, for the Teams app package (an app cannot read its own FQDN while being created).
  { name: 'BOT_DOMAIN', value: '${appName}.${appEnvironment.properties.defaultDomain}' }
  { name: 'ADVISOR_BOOTSTRAP_USER', value: advisorBootstrapUser }
  { name: 'ADVISOR_BOOTSTRAP_PASSWORD', secretRef: 'advisor-bootstrap-password' }
  { name: 'TRANSCRIPT_RETENTION_DAYS', value: string(transcriptRetentionDays) }
  { name: 'LOG_LEVEL', value: logLevel }
  // The ingress appends the client's address to X-Forwarded-For; without this every visitor would share the ingress's address and its rate limits.
  { name: 'TRUST_PROXY', value: 'true' }
]
var directLineEnv = usesAzureDirectLine ? [{ name: 'DIRECT_LINE_SECRET', secretRef: 'direct-line-secret' }] : []

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  properties: {
    managedEnvironmentId: appEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      secrets: concat(baseSecrets, registrySecrets, directLineSecrets)
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: concat(baseEnv, directLineEnv)
          probes: [
            // Startup and readiness ask /readyz (knowledge loaded, database answering): no traffic before.
            {
              type: 'Startup'
              httpGet: { path: '/readyz', port: port }
              initialDelaySeconds: 5
              periodSeconds: 10
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: { path: '/readyz', port: port }
              periodSeconds: 10
              failureThreshold: 3
            }
            // Liveness asks /healthz only: a database outage must not restart every replica.
            {
              type: 'Liveness'
              httpGet: { path: '/healthz', port: port }
              periodSeconds: 30
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 3
        rules: [
          {
            name: 'http'
            http: { metadata: { concurrentRequests: '50' } }
          }
        ]
      }
    }
  }
  dependsOn: [
    allowAzureServices
  ]
}

var messagingEndpoint = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'MLT Career Assistant'
    endpoint: messagingEndpoint
    msaAppId: microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppType == 'SingleTenant' ? microsoftAppTenantId : ''
  }
}

resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

@description('The bot\'s site: the page with the widget, and the advisors\' console at /advisor.')
output appUrl string = 'https://${app.properties.configuration.ingress.fqdn}'

@description('The messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = messagingEndpoint

@description('BOT_DOMAIN for `npm run teams:package`.')
output botDomain string = app.properties.configuration.ingress.fqdn

@description('The Azure Bot resource, for its Channels page.')
output botName string = bot.name
