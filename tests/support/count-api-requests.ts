// Another process counting API requests on the same database, as a second instance would:
// `tsx tests/support/count-api-requests.ts <token id> <count>` prints how many were allowed.
import { countApiRequest } from "#services/rate-limit.ts";

const [tokenId, count] = process.argv.slice(2);
let allowed = 0;
for (let i = 0; i < Number(count); i++) if ((await countApiRequest(tokenId!)).allowed) allowed++;
console.log(allowed);
process.exit(0);
