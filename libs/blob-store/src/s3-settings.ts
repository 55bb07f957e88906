import { S3Client } from '@aws-sdk/client-s3';

/**
 * The variables an S3 backend reads: the AWS CLI's names, plus `S3_ENDPOINT_URL` and
 * `S3_FORCE_PATH_STYLE` for S3-compatible servers (MinIO, Ceph, moto). Unset credentials fall
 * back to the AWS SDK's default chain (profile, web identity, instance role).
 */
export interface BlobStoreEnv {
  S3_ENDPOINT_URL?: string;
  AWS_ENDPOINT_URL_S3?: string;
  AWS_ENDPOINT_URL?: string;
  AWS_REGION?: string;
  AWS_DEFAULT_REGION?: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
  /** `true`/`false`; default true when an endpoint is set (most S3-compatible servers need it). */
  S3_FORCE_PATH_STYLE?: string;
}

export function s3ClientFrom(env: BlobStoreEnv): S3Client {
  const endpoint = env.S3_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  const pathStyle = env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : !!endpoint;
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  return new S3Client({
    endpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    forcePathStyle: pathStyle,
    credentials:
      accessKeyId && secretAccessKey
        ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined }
        : undefined,
    // Every read is verified against the SHA-256 in the key, so the SDK's extra CRC checksums add
    // nothing, and several S3-compatible servers reject them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
