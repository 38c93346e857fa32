export { GraphMailSource, type GraphSourceOptions } from './graph-source';
export {
  GRAPH_SIGN_IN_SCOPES,
  graphSignInUrl,
  graphTokenProvider,
  redeemGraphCode,
  type GraphAuthConfig,
  type GraphGrant,
  type GraphTokenProvider,
} from './graph-auth';
export { graphToMailMessage } from './graph-message';
