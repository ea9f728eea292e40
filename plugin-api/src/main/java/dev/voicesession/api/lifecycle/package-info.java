/** Startup and shutdown extension points. */
package dev.voicesession.api.lifecycle;
