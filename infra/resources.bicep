// The resources of one FollowUp environment, on the Flex Consumption plan (see README, "Deploy to
// Azure", and docs/operations.md): the isolated worker (dotnet-isolated 10.0) billed per execution, scaling to zero, with
// no always-on floor. The app reaches storage with its user-assigned identity only: shared-key
// access is off, and the identity's blob rights reach only the containers the platform and the host use.

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
param sendGridInboundDomain string
@secure()
param sendGridInboundParseKey string
@secure()
param sendGridReplyAddressKey string
param staff array
@secure()
param staffApiKeys object
param staffSignInClientId string
@secure()
param staffSignInClientSecret string
param staffOrigins array
param principalId string
param maximumInstanceCount int
param alwaysReadyInstances int
param instanceMemoryMB int

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var functionAppName = 'func-followup-${token}'
var twilioSecretName = 'twilio-auth-token'
var sendGridSecretName = 'sendgrid-api-key'
var deploymentContainerName = 'app-package'
var staffSignInSecretName = 'staff-sign-in-client-secret'
var inboundParseSecretName = 'sendgrid-inbound-parse-key'
var replyAddressSecretName = 'sendgrid-reply-address-key'
var staffSignIn = !empty(staffSignInClientId)

// A provider chosen without its secret would deploy an app that cannot send (or, worse, checks webhook
// signatures against nothing): the deployment stops here instead, saying what to set.
var twilioAuthTokenReference = empty(twilioAuthToken)
  ? fail('smsProvider is Twilio but twilioAuthToken is empty: azd env set TWILIO_AUTH_TOKEN <token>, or choose Local.')
  : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${twilioSecretName})'
var sendGridApiKeyReference = empty(sendGridApiKey)
  ? fail('emailProvider is SendGrid but sendGridApiKey is empty: azd env set SENDGRID_API_KEY <key>, or choose Local.')
  : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${sendGridSecretName})'
var inboundParseKeyReference = empty(sendGridInboundParseKey)
  ? fail('sendGridInboundDomain is set but sendGridInboundParseKey is empty: azd env set SENDGRID_INBOUND_PARSE_KEY <24+ random characters>.')
  : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${inboundParseSecretName})'
var staffSignInSecretReference = empty(staffSignInClientSecret)
  ? fail('staffSignInClientId is set but staffSignInClientSecret is empty: azd env set FOLLOWUP_STAFF_SIGN_IN_CLIENT_SECRET <secret>.')
  : '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${staffSignInSecretName})'

// Built-in role definition ids.
var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
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
  properties: {
    // An overwritten or deleted blob (a replaced deployment package, a lost key) or a deleted
    // container can be brought back for a week.
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

// Every blob container the app's identity touches, created here so its rights can be scoped to each:
// Flex Consumption keeps the app's package in the first; the Functions host, on AzureWebJobsStorage,
// keeps timer schedules and singleton and primary-host locks in azure-webjobs-hosts and the function
// keys in azure-webjobs-secrets. The app itself uses no blobs.
var blobContainerNames = [deploymentContainerName, 'azure-webjobs-hosts', 'azure-webjobs-secrets']

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in blobContainerNames: {
    parent: blobService
    name: name
  }
]

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

// Storage Blob Data Contributor on each container, not Owner on the account (which the Functions docs
// suggest, for a host that creates its own containers): it reads, writes, leases and deletes blobs and
// creates its container, all the host and a Flex deployment do; Owner's extras (ACLs, ownership, blob
// tags, immutability) go unused.
resource blobRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in blobContainerNames: {
    name: guid(blobContainers[i].id, identity.id, roles.storageBlobDataContributor)
    scope: blobContainers[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Queues and tables stay account-wide: the host creates tables of its own (diagnostic events, a new one
// each month), which a role on the app's tables alone would not cover.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
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

// Storage's own logs of every read, write and delete, per service, so an access by the identity (or
// anyone) can be traced. Queue polling makes StorageRead the largest of them.
var storageLogCategories = [for category in ['StorageRead', 'StorageWrite', 'StorageDelete']: { category: category, enabled: true }]

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logs.id
    logs: storageLogCategories
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logs.id
    logs: storageLogCategories
  }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logs.id
    logs: storageLogCategories
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

// The vault's audit events (who read, set or deleted which secret, and who was refused) go to the workspace.
resource vaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logs.id
    logs: [{ categoryGroup: 'audit', enabled: true }]
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

// Each staff key is a secret of its own (staff-api-key-<id>), so one can be rotated or revoked alone.
resource staffKeySecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for member in staff: if (contains(staffApiKeys, member.id)) {
    parent: vault
    name: 'staff-api-key-${member.id}'
    properties: { value: staffApiKeys[member.id] }
  }
]

resource inboundParseSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridInboundDomain) && !empty(sendGridInboundParseKey)) {
  parent: vault
  name: inboundParseSecretName
  properties: { value: sendGridInboundParseKey }
}

resource replyAddressSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridInboundDomain) && !empty(sendGridReplyAddressKey)) {
  parent: vault
  name: replyAddressSecretName
  properties: { value: sendGridReplyAddressKey }
}

resource staffSignInSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (staffSignIn && !empty(staffSignInClientSecret)) {
  parent: vault
  name: staffSignInSecretName
  properties: { value: staffSignInClientSecret }
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
  { name: 'FollowUp__Timers__PurgeExpired', value: '0 30 3 * * *' }
  { name: 'FollowUp__Timers__WeeklySummary', value: '0 5 * * * *' }
  { name: 'FollowUp__Timers__RollUpReports', value: '0 0 4 * * *' }
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
      { name: 'Twilio__AuthToken', value: twilioAuthTokenReference }
      { name: 'Twilio__FromNumber', value: twilioFromNumber }
      { name: 'Twilio__MessagingServiceSid', value: twilioMessagingServiceSid }
    ]
  : []

var sendGridSettings = emailProvider == 'SendGrid'
  ? [
      { name: 'SendGrid__ApiKey', value: sendGridApiKeyReference }
      { name: 'SendGrid__FromEmail', value: sendGridFromEmail }
      { name: 'SendGrid__WebhookPublicKey', value: sendGridWebhookPublicKey }
    ]
  : []

var inboundParseSettings = emailProvider == 'SendGrid' && !empty(sendGridInboundDomain)
  ? [
      { name: 'SendGrid__InboundDomain', value: sendGridInboundDomain }
      { name: 'SendGrid__InboundParseKey', value: inboundParseKeyReference }
    ]
  : []

// Optional: with its own key, reply addresses outlive a rotation of the Inbound Parse key.
var replyAddressSettings = emailProvider == 'SendGrid' && !empty(sendGridInboundDomain) && !empty(sendGridReplyAddressKey)
  ? [{ name: 'SendGrid__ReplyAddressKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${replyAddressSecretName})' }]
  : []

// FollowUp:Staff, one app setting per field; each API key is a Key Vault reference, never the key itself.
var staffFields = ['mobile', 'email', 'timeZone', 'manager', 'onDuty', 'signInId', 'signInProvider']
var staffSettings = flatten(map(range(0, length(staff)), i => concat(
  [
    { name: 'FollowUp__Staff__${i}__Id', value: staff[i].id }
    { name: 'FollowUp__Staff__${i}__Name', value: staff[i].name }
  ],
  map(filter(staffFields, field => contains(staff[i], field)), field => {
    name: 'FollowUp__Staff__${i}__${toUpper(substring(field, 0, 1))}${substring(field, 1)}'
    value: string(staff[i][field])
  }),
  map(range(0, length(staff[i].?sources ?? [])), j => { name: 'FollowUp__Staff__${i}__Sources__${j}', value: staff[i].sources[j] }),
  contains(staffApiKeys, staff[i].id)
    ? [{ name: 'FollowUp__Staff__${i}__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=staff-api-key-${staff[i].id})' }]
    : []
)))

var staffOriginSettings = [
  for (origin, i) in staffOrigins: { name: 'FollowUp__StaffOrigins__${i}', value: origin }
]

// App Service Authentication reads the client secret from this setting.
var staffSignInSettings = staffSignIn ? [{ name: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET', value: staffSignInSecretReference }] : []

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
      appSettings: concat(baseSettings, originSettings, twilioSettings, sendGridSettings, inboundParseSettings, replyAddressSettings, staffSettings, staffOriginSettings, staffSignInSettings)
    }
  }
  // After the secrets its Key Vault references name, so the app never starts on a reference to nothing.
  dependsOn: [storageRoles, blobRoles, vaultAppRole, insightsRole, queues, tables, blobContainers, twilioSecret, sendGridSecret, inboundParseSecret, replyAddressSecret, staffKeySecrets, staffSignInSecret]
}

// Staff sign in with Microsoft Entra ID when staffSignInClientId is set. Nothing requires a sign-in
// (public forms and webhooks stay anonymous): the platform only vouches for who a signed-in caller is
// (X-MS-CLIENT-PRINCIPAL, with WEBSITE_AUTH_ENABLED set) and the app decides what they may do.
resource staffSignInSettingsV2 'Microsoft.Web/sites/config@2024-04-01' = if (staffSignIn) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: staffSignInClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: ['api://${staffSignInClientId}'] }
      }
    }
    // The session lives in the platform's encrypted cookie; no token store (it needs a file share).
    login: { tokenStore: { enabled: false } }
  }
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
