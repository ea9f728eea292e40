/** What plugins show operators of their work: the {@link dev.voicesession.api.inspect.ActivityReporter} extension point. */
package dev.voicesession.api.inspect;
