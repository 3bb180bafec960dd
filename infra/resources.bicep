// The resources of one FollowUp environment, on the Flex Consumption plan (see README, "Deploy to
// Azure"): the isolated worker (dotnet-isolated 10.0) billed per execution, scaling to zero, with
// no always-on floor. The app reaches storage with its user-assigned identity only: shared-key
// access is off, and the host reads the deployment package from a blob container with the identity.

param environmentName string
param location string
param tags object
param businessName string
param businessTimeZone string
param defaultRegion string
param postalAddress string
param thankYouUrl string
param allowedOrigins array
param smsProvider string
param emailProvider string
param twilioAccountSid string
@secure()
param twilioAuthToken string
param twilioFromNumber string
param twilioMessagingServiceSid string
@secure()
param sendGridApiKey string
param sendGridFromEmail string
param sendGridWebhookPublicKey string
param principalId string
param maximumInstanceCount int
param alwaysReadyInstances int
param instanceMemoryMB int

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var functionAppName = 'func-followup-${token}'
var twilioSecretName = 'twilio-auth-token'
var sendGridSecretName = 'sendgrid-api-key'
var deploymentContainerName = 'app-package'

// Built-in role definition ids.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-followup-${token}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stfollowup${token}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Flex Consumption deploys the app as a package in this container, read with the app's identity.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in ['notifications', 'notifications-poison']: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in ['Inquiries', 'Contacts', 'Runtime', 'Staff', 'DueIndex']: {
    parent: tableService
    name: name
  }
]

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-followup-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-followup-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fu-${token}'
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultAppRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultDeployerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(vault.id, principalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: principalId
    principalType: 'User'
  }
}

resource twilioSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: twilioSecretName
  properties: { value: twilioAuthToken }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: { value: sendGridApiKey }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-followup-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE: the runtime and the package live in functionAppConfig below.
var baseSettings = [
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  // The triggers name these settings (%FollowUp:Queues:Notifications%, %FollowUp:Timers:…%); the host resolves them.
  { name: 'FollowUp__Queues__Notifications', value: 'notifications' }
  { name: 'FollowUp__Timers__ScanDueWindows', value: '0 * * * * *' }
  { name: 'FollowUp__Timers__RepairOutbox', value: '0 */10 * * * *' }
  { name: 'FollowUp__PublicBaseUrl', value: 'https://${functionAppName}.azurewebsites.net' }
  { name: 'FollowUp__Business__Name', value: businessName }
  { name: 'FollowUp__Business__TimeZone', value: businessTimeZone }
  { name: 'FollowUp__Business__DefaultRegion', value: defaultRegion }
  { name: 'FollowUp__Business__PostalAddress', value: postalAddress }
  { name: 'FollowUp__Intake__ThankYouUrl', value: thankYouUrl }
  // The app folder is read-only; the local sink (used until a provider is chosen) writes here.
  { name: 'FollowUp__LocalSink__Path', value: '/tmp/followup/sent.jsonl' }
  { name: 'Sms__Provider', value: smsProvider }
  { name: 'Email__Provider', value: emailProvider }
]

var originSettings = [
  for (origin, i) in allowedOrigins: { name: 'FollowUp__Intake__AllowedOrigins__${i}', value: origin }
]

var twilioSettings = smsProvider == 'Twilio'
  ? [
      { name: 'Twilio__AccountSid', value: twilioAccountSid }
      { name: 'Twilio__AuthToken', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${twilioSecretName})' }
      { name: 'Twilio__FromNumber', value: twilioFromNumber }
      { name: 'Twilio__MessagingServiceSid', value: twilioMessagingServiceSid }
    ]
  : []

var sendGridSettings = emailProvider == 'SendGrid'
  ? [
      { name: 'SendGrid__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecretName})' }
      { name: 'SendGrid__FromEmail', value: sendGridFromEmail }
      { name: 'SendGrid__WebhookPublicKey', value: sendGridWebhookPublicKey }
    ]
  : []

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyInstances }] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(baseSettings, originSettings, twilioSettings, sendGridSettings)
    }
  }
  // After the secrets its Key Vault references name, so the app never starts on a reference to nothing.
  dependsOn: [storageRoles, vaultAppRole, insightsRole, queues, tables, deploymentContainer, twilioSecret, sendGridSecret]
}

// Deploys go through azd with Entra ID; basic (user name and password) publishing stays off.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: { allow: false }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: { allow: false }
}

output functionAppName string = functionApp.name
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output baseUrl string = 'https://${functionApp.properties.defaultHostName}'
