/** A plugin's read-only view of the host configuration. */
package dev.voicesession.api.config;
