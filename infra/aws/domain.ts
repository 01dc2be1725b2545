/**
 * The site's own domain name (`-c domain=choso.camau.gov.vn -c certificateArn=arn:aws:acm:us-east-1:…`):
 * CloudFront answers on it with the ACM certificate, and the functions take it as the site's origin
 * (SITE_URL in mail links, first of CORS_ALLOWED_ORIGINS). Optionally a Route 53 hosted zone
 * (`-c hostedZoneId=Z… -c hostedZoneName=camau.gov.vn`) gets the alias records. Checked here, at
 * synth, so a typo fails before anything is deployed.
 */
export interface CustomDomain {
  /** Lower-case host name, e.g. `choso.camau.gov.vn`. */
  name: string;
  /** ACM certificate in us-east-1 (the only region CloudFront takes certificates from). */
  certificateArn: string;
  /** A Route 53 public hosted zone that holds `name` (the stack adds A and AAAA aliases). */
  hostedZone?: { id: string; name: string };
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name: at least two labels, letters/digits/hyphens, an alphabetic top-level label. */
export function isHostName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  return /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1] ?? '');
}

const CERTIFICATE_ARN = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/**
 * The custom domain from the context values, or undefined when none is set. Throws a message
 * naming the context key for: only one of domain and certificateArn, a domain that is not a host
 * name, a certificate outside us-east-1 or not an ACM certificate ARN, a hosted zone without its
 * name (or the reverse), a zone id that is not one, a zone that does not contain the domain.
 */
export function customDomain(values: {
  domain?: string | undefined;
  certificateArn?: string | undefined;
  hostedZoneId?: string | undefined;
  hostedZoneName?: string | undefined;
}): CustomDomain | undefined {
  const { domain, certificateArn, hostedZoneId, hostedZoneName } = values;
  if (domain === undefined && certificateArn === undefined) {
    if (hostedZoneId !== undefined || hostedZoneName !== undefined)
      throw new Error('-c hostedZoneId/hostedZoneName need -c domain and -c certificateArn');
    return undefined;
  }
  if (domain === undefined || certificateArn === undefined)
    throw new Error(
      '-c domain and -c certificateArn go together: CloudFront needs a certificate for the name ' +
        `(got only ${domain === undefined ? 'certificateArn' : 'domain'})`,
    );
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  if (!isHostName(name))
    throw new Error(
      `-c domain must be a host name such as choso.camau.gov.vn (no scheme, port, path or wildcard), got ${domain}`,
    );
  const arn = CERTIFICATE_ARN.exec(certificateArn.trim());
  if (!arn)
    throw new Error(
      `-c certificateArn must be an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>), got ${certificateArn}`,
    );
  if (arn[1] !== 'us-east-1')
    throw new Error(
      `-c certificateArn must be in us-east-1 (CloudFront only uses certificates from there), got ${arn[1]}`,
    );
  const out: CustomDomain = { name, certificateArn: certificateArn.trim() };
  if (hostedZoneId === undefined && hostedZoneName === undefined) return out;
  if (hostedZoneId === undefined || hostedZoneName === undefined)
    throw new Error('-c hostedZoneId and -c hostedZoneName go together');
  const zoneId = hostedZoneId.trim();
  if (!HOSTED_ZONE_ID.test(zoneId))
    throw new Error(`-c hostedZoneId must be a Route 53 zone id (Z…), got ${hostedZoneId}`);
  const zoneName = hostedZoneName.trim().toLowerCase().replace(/\.$/, '');
  if (!isHostName(zoneName) || !(name === zoneName || name.endsWith(`.${zoneName}`)))
    throw new Error(`-c hostedZoneName ${hostedZoneName} does not contain the domain ${name}`);
  return { ...out, hostedZone: { id: zoneId, name: zoneName } };
}
