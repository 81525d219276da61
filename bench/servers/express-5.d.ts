// `express-5` is an npm alias of express@5, which ships no types. The installed @types/express
// (v4) describes the few calls the peer server makes (json(), routes, status/set/json/location)
// the same way in both majors.
declare module "express-5" {
  import express = require("express");
  export = express;
}
