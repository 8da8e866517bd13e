namespace AdminPortal.Components.Account.Shared;

/// <summary>A form that chooses a password and types it twice (register, change password).</summary>
public interface INewPassword
{
    string Password { get; set; }
    string ConfirmPassword { get; set; }
}
