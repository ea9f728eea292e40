/** Commands: the {@link dev.voicesession.api.command.BotCommand} extension point and its invocation. */
package dev.voicesession.api.command;
