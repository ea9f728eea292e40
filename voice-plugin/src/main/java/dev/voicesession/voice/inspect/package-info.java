/** What operators see of the plugin's work, for the host's {@code ActivityReporter} extension point. */
package dev.voicesession.voice.inspect;
