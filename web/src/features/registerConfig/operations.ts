import { graphql } from '../../gql';

export const RegisterConfigFieldsFragment = graphql(`
  fragment RegisterConfigFields on RegisterConfig {
    controllerName
    controllerBusinessId
    controllerAddress
    controllerPhone
    controllerEmail
    contactName
    contactAddress
    contactPhone
    contactEmail
    signerName
    signerTitle
    inactiveCustomerMonths
    auditLogMonths
    consultationLogMonths
    webEventDays
    version
    updatedAt
  }
`);

export const RegisterConfigQuery = graphql(`
  query RegisterConfig {
    registerConfig {
      ...RegisterConfigFields
    }
  }
`);

export const UpdateRegisterConfigMutation = graphql(`
  mutation UpdateRegisterConfig($version: Int!, $input: RegisterConfigInput!) {
    updateRegisterConfig(version: $version, input: $input) {
      ...RegisterConfigFields
    }
  }
`);

export const PrivacyNoticeDraftQuery = graphql(`
  query PrivacyNoticeDraft($language: NoticeLanguage!) {
    privacyNoticeDraft(language: $language) {
      latestVersion
      title
      sections {
        key
        title
        paragraphs
      }
      changes {
        section
        added
        removed
      }
    }
  }
`);

export const PrivacyNoticeVersionsQuery = graphql(`
  query PrivacyNoticeVersions {
    privacyNoticeVersions {
      version
      publishedAt
      publishedBy
    }
  }
`);

export const PublishPrivacyNoticeMutation = graphql(`
  mutation PublishPrivacyNotice {
    publishPrivacyNotice {
      version
      lastChanged
    }
  }
`);
