// FollowUp in Azure: one resource group with the Function App (isolated worker on Flex Consumption), its storage,
// identity, monitoring and Key Vault. Deployed by `azd up` (see azure.yaml and the README).
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('Name of the azd environment; used to name and tag every resource.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Business name prospects see in every message (FollowUp:Business:Name).')
param businessName string

@description('IANA time zone of the business (FollowUp:Business:TimeZone).')
param businessTimeZone string = 'America/New_York'

@description('Region for phone numbers written without a country code (FollowUp:Business:DefaultRegion).')
param defaultRegion string = 'US'

@description('Postal address printed at the foot of every email (CAN-SPAM); required with SendGrid.')
param postalAddress string = ''

@description('Where plain form posts are redirected; empty uses the built-in thank-you page.')
param thankYouUrl string = ''

@description('Origins allowed to post from browser scripts (CORS), comma-separated, e.g. https://www.example.com,https://example.com.')
param allowedOrigins string = ''


@allowed(['Local', 'Twilio'])
@description('SMS sender; no default, so a deployment never sends nothing by accident. Local writes messages (masked) to a file on the instance instead of sending them.')
param smsProvider string

@allowed(['Local', 'SendGrid'])
@description('Email sender; no default, as for smsProvider. Local writes messages (masked) to a file on the instance instead of sending them.')
param emailProvider string

@description('Twilio Account SID (not a secret).')
param twilioAccountSid string = ''

@secure()
@description('Twilio Auth Token; stored in Key Vault.')
param twilioAuthToken string = ''

@description('Twilio sending number in E.164, or leave empty and set twilioMessagingServiceSid.')
param twilioFromNumber string = ''

@description('Twilio Messaging Service SID, used instead of a from number when set.')
param twilioMessagingServiceSid string = ''

@secure()
@description('SendGrid API key; stored in Key Vault.')
param sendGridApiKey string = ''

@description('Verified SendGrid sender address.')
param sendGridFromEmail string = ''

@description('SendGrid Event Webhook verification key (public; base64).')
param sendGridWebhookPublicKey string = ''

@description('Subdomain whose MX points at SendGrid Inbound Parse; when set, every email carries a per-inquiry Reply-To there and replies reach the owner.')
param sendGridInboundDomain string = ''

@secure()
@description('Secret carried in the Inbound Parse URL (?key=); stored in Key Vault. Required with sendGridInboundDomain.')
param sendGridInboundParseKey string = ''

@secure()
@description('Optional: the secret reply addresses are enciphered with (24+ random characters). Without it they are derived from the Inbound Parse key.')
param sendGridReplyAddressKey string = ''

@description('Staff (FollowUp:Staff), one object each: id and name, optionally mobile, email, timeZone, manager, onDuty, sources (array), signInId and signInProvider. Their API keys go in staffApiKeys.')
param staff array = []

@secure()
@description('Staff API keys by staff id, e.g. {"dana":"<24+ random characters>"}; stored in Key Vault and read through Key Vault references.')
param staffApiKeys object = {}

@description('Client id of a Microsoft Entra ID app registration. When set, App Service Authentication is turned on so staff can sign in to the staff page with their work accounts (matched on staff[].signInId); public forms and webhooks stay anonymous.')
param staffSignInClientId string = ''

@secure()
@description('Client secret of that app registration; stored in Key Vault. Required with staffSignInClientId.')
param staffSignInClientSecret string = ''

@description('Origins besides the app host name (a custom domain, e.g. https://followup.example.com) from which signed-in staff may change things, comma-separated.')
param staffOrigins string = ''


@description('Object id of the person deploying, granted Key Vault secret management; azd fills it in.')
param principalId string = ''

@minValue(40)
@maxValue(1000)
@description('Most instances the app may scale out to (Flex Consumption allows 40 to 1,000).')
param maximumInstanceCount int = 40

@minValue(0)
@maxValue(10)
@description('Instances kept warm for the HTTP functions (billed while idle); 0 scales to zero.')
param alwaysReadyInstances int = 0

@allowed([512, 2048, 4096])
@description('Memory per instance in MB; the app measured well under 512 MB (see docs/benchmarks.md).')
param instanceMemoryMB int = 512

var tags = { 'azd-env-name': environmentName }

// Lists of origins as azd environment values carry them: one string, comma-separated (empty: none).
var allowedOriginList = filter(map(split(allowedOrigins, ','), origin => trim(origin)), origin => !empty(origin))
var staffOriginList = filter(map(split(staffOrigins, ','), origin => trim(origin)), origin => !empty(origin))

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'followup-resources'
  scope: group
  params: {
    environmentName: environmentName
    location: location
    tags: tags
    businessName: businessName
    businessTimeZone: businessTimeZone
    defaultRegion: defaultRegion
    postalAddress: postalAddress
    thankYouUrl: thankYouUrl
    allowedOrigins: allowedOriginList
    smsProvider: smsProvider
    emailProvider: emailProvider
    twilioAccountSid: twilioAccountSid
    twilioAuthToken: twilioAuthToken
    twilioFromNumber: twilioFromNumber
    twilioMessagingServiceSid: twilioMessagingServiceSid
    sendGridApiKey: sendGridApiKey
    sendGridFromEmail: sendGridFromEmail
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    sendGridInboundDomain: sendGridInboundDomain
    sendGridInboundParseKey: sendGridInboundParseKey
    sendGridReplyAddressKey: sendGridReplyAddressKey
    staff: staff
    staffApiKeys: staffApiKeys
    staffSignInClientId: staffSignInClientId
    staffSignInClientSecret: staffSignInClientSecret
    staffOrigins: staffOriginList
    principalId: principalId
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: alwaysReadyInstances
    instanceMemoryMB: instanceMemoryMB
  }
}

output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output FOLLOWUP_BASE_URL string = resources.outputs.baseUrl
output FORM_INQUIRIES_URL string = '${resources.outputs.baseUrl}/api/inquiries'
output FORM_REFERRALS_URL string = '${resources.outputs.baseUrl}/api/referrals'
output HEALTH_URL string = '${resources.outputs.baseUrl}/api/health'
output STAFF_PAGE_URL string = '${resources.outputs.baseUrl}/api/pages/staff/'
output FORM_SNIPPET_URL string = '${resources.outputs.baseUrl}/api/pages/form/snippet.html'
output TWILIO_INBOUND_WEBHOOK_URL string = '${resources.outputs.baseUrl}/api/twilio/inbound'
output TWILIO_VOICE_URL string = '${resources.outputs.baseUrl}/api/twilio/voice'
output TWILIO_STATUS_CALLBACK_URL string = '${resources.outputs.baseUrl}/api/twilio/status'
output SENDGRID_EVENT_WEBHOOK_URL string = '${resources.outputs.baseUrl}/api/sendgrid/events'
output SENDGRID_INBOUND_PARSE_URL string = '${resources.outputs.baseUrl}/api/sendgrid/inbound?key=<your SENDGRID_INBOUND_PARSE_KEY>'
